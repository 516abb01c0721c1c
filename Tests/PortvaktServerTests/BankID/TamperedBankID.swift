import PortvaktBankID
import PortvaktBankIDSimulator

/// The simulator behind a man in the middle that rewrites what `/collect` answers: the answers no honest
/// BankID gives, to see that Portvakt refuses them.
struct TamperedBankID: BankIDService {
    let simulator: BankIDSimulator
    let tamper: @Sendable (inout BankIDWire.CollectResponse) -> Void

    func auth(_ request: BankIDWire.AuthRequest) async throws(BankIDError) -> BankIDWire.AuthResponse {
        try await simulator.auth(request)
    }

    func collect(orderRef: String) async throws(BankIDError) -> BankIDWire.CollectResponse {
        var answer = try await simulator.collect(orderRef: orderRef)
        tamper(&answer)
        return answer
    }

    func cancel(orderRef: String) async throws(BankIDError) {
        try await simulator.cancel(orderRef: orderRef)
    }
}
