/// One refresh per session at a time in this process: Portvakt rotates refresh tokens and treats a reused one as
/// stolen, so two requests refreshing the same session at once would end it.
actor RefreshCoordinator {
    private var running: [String: Task<PortalSession?, any Error>] = [:]

    func once(_ sessionID: String, _ work: @escaping @Sendable () async throws -> PortalSession?) async throws -> PortalSession? {
        if let task = running[sessionID] { return try await task.value }
        let task = Task { try await work() }
        running[sessionID] = task
        defer { running[sessionID] = nil }
        return try await task.value
    }
}
