/// What readiness depends on, so tests can put anything in its place.
public protocol ReadinessProbe: Sendable {
    /// Nil when ready, else why not.
    func notReadyReason() async -> String?
}
