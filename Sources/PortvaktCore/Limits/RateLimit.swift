import Foundation

/// One limit: how many uses of a key a window allows, and what happens beyond. Every limit Portvakt keeps is
/// listed in `Limits`; the store counts the uses (`RateLimitStore.claim`), and this decides on them, with `now`
/// passed in.
///
/// Uses up to `free` in a window cost nothing. Each further one waits twice as long after the last as the one
/// before did, from `baseDelay` up to `maximumDelay` (slowing, never locking, when `budget` is nil). With a
/// `budget`, that many uses in a window are all there is until the oldest leaves it. `spacing` is the least time
/// between two uses.
public struct RateLimit: Sendable, Equatable {
    /// The first part of every key of this limit, unique among the limits.
    public var name: String
    /// What the rest of the key is, for people (the README's table).
    public var keyedBy: String
    public var window: TimeInterval
    public var free: Int
    public var baseDelay: TimeInterval
    public var maximumDelay: TimeInterval
    public var budget: Int?
    public var spacing: TimeInterval
    /// What happens when the limit is reached, for people.
    public var effect: String

    public init(
        name: String, keyedBy: String, window: TimeInterval, free: Int, baseDelay: TimeInterval = 0, maximumDelay: TimeInterval = 0,
        budget: Int? = nil, spacing: TimeInterval = 0, effect: String
    ) {
        self.name = name
        self.keyedBy = keyedBy
        self.window = window
        self.free = free
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
        self.budget = budget
        self.spacing = spacing
        self.effect = effect
    }

    /// A hard budget: `budget` uses a window, then nothing until the oldest leaves it.
    public static func budget(
        _ name: String, keyedBy: String, window: TimeInterval, _ budget: Int, spacing: TimeInterval = 0, effect: String
    ) -> RateLimit {
        RateLimit(name: name, keyedBy: keyedBy, window: window, free: budget, budget: budget, spacing: spacing, effect: effect)
    }

    /// A slowing limit: `free` uses a window, then a growing wait, and a lock only at `budget` when one is given.
    public static func slowing(
        _ name: String, keyedBy: String, window: TimeInterval, free: Int, baseDelay: TimeInterval = 1, maximumDelay: TimeInterval,
        budget: Int? = nil, effect: String
    ) -> RateLimit {
        RateLimit(
            name: name, keyedBy: keyedBy, window: window, free: free, baseDelay: baseDelay, maximumDelay: maximumDelay, budget: budget,
            effect: effect)
    }

    /// The store key of this limit for `parts` (an account, an address, a business…). Parts are lower-cased, so
    /// that one mailbox or number written two ways is one key.
    public func key(_ parts: String...) -> String {
        ([name] + parts.map { $0.lowercased() }).joined(separator: "|")
    }

    /// The decision on one more use, given the times of the key's counted uses.
    public func decide(uses: [Date], now: Date) -> RateLimitDecision {
        let recent = uses.filter { now.timeIntervalSince($0) < window && $0 <= now }.sorted()
        guard let last = recent.last else { return .allow }
        if let budget, recent.count >= budget {
            return .refused(until: recent[recent.count - budget].addingTimeInterval(window))
        }
        if spacing > 0, now.timeIntervalSince(last) < spacing {
            return .wait(until: last.addingTimeInterval(spacing))
        }
        let penalised = recent.count - free
        guard penalised > 0, baseDelay > 0 else { return .allow }
        let delay = min(maximumDelay, baseDelay * pow(2, Double(min(penalised - 1, 62))))
        let until = last.addingTimeInterval(delay)
        return until > now ? .wait(until: until) : .allow
    }

    /// The most uses a claim that does not enforce this limit (a ceiling that only slows some parties) counts in a
    /// window: twice the budget, or twice the free uses of a slowing limit without one. Past it such a try decides
    /// nothing more (every wait is at its longest well before), so it stores nothing, and nobody can grow the store
    /// through a key they are not stopped at.
    public var mostUnenforcedUses: Int { 2 * max(1, budget ?? free) }

    /// Whether a counted use that had `usesBefore` before it is beyond the free ones: the key is being slowed.
    public func isBeyondFree(usesBefore: Int) -> Bool {
        usesBefore + 1 > free
    }

    /// The limit on telling someone that this limit's key is beyond its free uses: once a window.
    public var notice: RateLimit {
        .budget("notice:" + name, keyedBy: keyedBy, window: window, 1, effect: "the owner is told once a window")
    }
}
