/// The outcome of an attempt (a password, a code) made under its limits.
enum ThrottledOutcome: Equatable {
    case succeeded
    case failed
    /// Slowed: the attempt was not made, and may be made again after this many seconds.
    case wait(seconds: Int)
    /// This client address has spent its budget for the target: no attempt for this many seconds.
    case refused(seconds: Int)
}
