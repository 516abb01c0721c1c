/// Why a back-channel logout was not delivered this time.
enum LogoutDeliveryError: Error, CustomStringConvertible {
    case clientRemoved
    case noSigningKey
    case answered(Int)

    var description: String {
        switch self {
        case .clientRemoved: "the client was removed"
        case .noSigningKey: "no signing key for the client's algorithm"
        case .answered(let status): "the client answered \(status)"
        }
    }
}
