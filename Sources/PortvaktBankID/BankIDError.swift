import Foundation
import PortvaktCore

/// An error answer of the RP API (`{"errorCode": …, "details": …}`), or a transport failure (`errorCode`
/// `unreachable`). Codes are compared case-insensitively, as the API asks.
public struct BankIDError: Error, Equatable, Sendable, CustomStringConvertible {
    public var status: Int
    public var errorCode: String
    public var details: String

    public init(status: Int, errorCode: String, details: String) {
        self.status = status
        self.errorCode = errorCode
        self.details = details
    }

    public func `is`(_ code: String) -> Bool { errorCode.lowercased() == code.lowercased() }

    /// `maintenance`, `internalError` and `requestTimeout` may be retried; so may an unreachable service.
    public var isRetryable: Bool { ["maintenance", "internalerror", "requesttimeout", "unreachable"].contains(errorCode.lowercased()) }

    public var description: String { "BankID \(status) \(errorCode): \(details)" }
}
