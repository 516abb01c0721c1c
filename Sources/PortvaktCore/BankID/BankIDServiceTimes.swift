import Foundation

/// The times BankID's service keeps (RP API v6, see the design notes): how long an order waits to be picked up
/// and completed, how long its end can be collected, and how often a relying party polls. Portvakt's order rules
/// and the simulator both read them here.
public enum BankIDServiceTimes {
    /// An order no app picks up within this time fails with `startFailed` (~30 s for a QR code).
    public static let pickUpTime: TimeInterval = 30
    /// An order not completed within this time fails with `expiredTransaction`.
    public static let completionTime: TimeInterval = 180
    /// A completed order can be collected this long.
    public static let completedRetention: TimeInterval = 180
    /// A failed order can be collected this long.
    public static let failedRetention: TimeInterval = 300
    /// A relying party calls `/collect` at most this often per order.
    public static let collectInterval: TimeInterval = 2
}
