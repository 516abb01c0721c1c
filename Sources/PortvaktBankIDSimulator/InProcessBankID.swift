import PortvaktBankID

/// The simulator's service side called directly, without HTTP: for router-level tests, where no listener runs.
/// The wire protocol itself is tested by the HTTP client against the simulator.
public struct InProcessBankID: BankIDService {
    public let simulator: BankIDSimulator

    public init(simulator: BankIDSimulator) {
        self.simulator = simulator
    }

    public func auth(_ request: BankIDWire.AuthRequest) async throws(BankIDError) -> BankIDWire.AuthResponse {
        try await simulator.auth(request)
    }

    public func collect(orderRef: String) async throws(BankIDError) -> BankIDWire.CollectResponse {
        try await simulator.collect(orderRef: orderRef)
    }

    public func cancel(orderRef: String) async throws(BankIDError) {
        try await simulator.cancel(orderRef: orderRef)
    }
}
