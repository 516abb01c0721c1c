import Foundation
import PortvaktCore
import PortvaktStore

/// Ready when the store answers and every configured algorithm has a key that signs.
struct StoreAndKeysReadiness: ReadinessProbe {
    let store: any StoreMaintenance
    let ring: KeyRing
    /// OpenID Connect's mandatory algorithm; others may still be waiting to be published long enough.
    let primary: SigningAlgorithm
    /// The ring must have been reloaded within this many seconds: the rotation rules assume every node
    /// notices a change within one refresh interval.
    let maximumKeyAge: TimeInterval

    func notReadyReason() async -> String? {
        do {
            try await store.ping()
        } catch {
            return "the store does not answer"
        }
        guard ring.canSign([primary]) else { return "signing keys are not loaded" }
        guard let loadedAt = ring.loadedAt, Date().timeIntervalSince(loadedAt) <= maximumKeyAge else {
            return "signing keys have not been reloaded recently"
        }
        return nil
    }
}
