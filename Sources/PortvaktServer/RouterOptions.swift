import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOSSL
import PortvaktBankID
import ServiceLifecycle
import PortvaktCore
import PortvaktStore

/// What the router is built from, beside the services: swappable in tests.
public struct RouterOptions<Keys: ClientKeySource>: Sendable {
    /// Where `private_key_jwt` clients' keys come from.
    public var clientKeys: Keys
    /// Further login methods, listed after the built-in e-mail and password login.
    public var loginMethods: [any LoginMethod]
    /// Whether the e-mail and password login (with sign-up and reset) is on.
    public var passwordLogin: Bool
    /// Replaces the RP API client of `services.bankID` (router tests call the simulator in process).
    public var bankIDService: (any BankIDService)?
    /// Routes from outside the server, added beside its own: `portvakt serve` mounts the embedded BankID simulator
    /// this way, so the server never imports it.
    public var extraRoutes: [@Sendable (Router<PortvaktRequestContext>) -> Void]
    /// The clock.
    public var now: @Sendable () -> Date
    /// The client's address when a request has no socket (in-process router tests); nil reads the socket only.
    public var peerAddress: (@Sendable (Request) -> String?)?
    /// How long a connection may stay idle, or take to send a request's head, before it is closed.
    public var idleTimeout: Duration = .seconds(30)

    public init(
        clientKeys: Keys, loginMethods: [any LoginMethod] = [], passwordLogin: Bool = true, bankIDService: (any BankIDService)? = nil,
        extraRoutes: [@Sendable (Router<PortvaktRequestContext>) -> Void] = [], now: @escaping @Sendable () -> Date = { Date() },
        peerAddress: (@Sendable (Request) -> String?)? = nil
    ) {
        self.clientKeys = clientKeys
        self.loginMethods = loginMethods
        self.passwordLogin = passwordLogin
        self.bankIDService = bankIDService
        self.extraRoutes = extraRoutes
        self.now = now
        self.peerAddress = peerAddress
    }
}
