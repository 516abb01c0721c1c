import Foundation

/// When a new code may be sent: a 30-second cooldown between sends and at most 5 sends an hour per subject.
public struct ResendPolicy: Sendable, Equatable {
    public var cooldown: TimeInterval = 30
    public var hourlyCap = 5

    public init(cooldown: TimeInterval = 30, hourlyCap: Int = 5) {
        self.cooldown = cooldown
        self.hourlyCap = hourlyCap
    }

    public enum Decision: Equatable, Sendable {
        case send
        /// Too soon; the earliest time a new code may go out.
        case wait(until: Date)
    }

    /// - Parameter sent: when earlier codes for this subject and purpose were sent.
    public func decide(sent: [Date], now: Date) -> Decision {
        let lastHour = sent.filter { now.timeIntervalSince($0) < 3600 }.sorted()
        if let last = lastHour.last, now.timeIntervalSince(last) < cooldown {
            return .wait(until: last.addingTimeInterval(cooldown))
        }
        if lastHour.count >= hourlyCap, let oldest = lastHour.first {
            return .wait(until: oldest.addingTimeInterval(3600))
        }
        return .send
    }
}
