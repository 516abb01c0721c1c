import Foundation
import PortvaktCore

/// The RP API: what Portvakt asks of BankID (the real service, its test environment, or the simulator).
public protocol BankIDService: Sendable {
    func auth(_ request: BankIDWire.AuthRequest) async throws(BankIDError) -> BankIDWire.AuthResponse
    func collect(orderRef: String) async throws(BankIDError) -> BankIDWire.CollectResponse
    func cancel(orderRef: String) async throws(BankIDError)
}
