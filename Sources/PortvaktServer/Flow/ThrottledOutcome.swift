/// The outcome of an attempt (a password, a code) made under the throttle.
enum ThrottledOutcome: Equatable {
    case succeeded
    case failed
    case wait(seconds: Int)
    case locked
}
