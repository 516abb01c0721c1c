/// Where a BankID order stands in Portvakt (stored as its raw value).
public enum BankIDOrderStatus: String, Sendable {
    case pending, complete, failed, cancelled
    /// A completed order that logged someone in or created an account: it cannot do so again.
    case used
}
