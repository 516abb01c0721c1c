/// A change to one stored key, applied only if the key is still in `from` (compare-and-set).
public struct KeyTransition: Sendable, Equatable {
    public var from: KeyState
    public var key: SigningKeyInfo

    public init(from: KeyState, key: SigningKeyInfo) {
        self.from = from
        self.key = key
    }
}
