import Foundation
import PortvaktCore

/// The messages of BankID's RP API v6.0, as they travel: JSON, `Content-Type: application/json` with no charset.
public enum BankIDWire {
    public struct Requirement: Codable, Sendable, Equatable {
        public var personalNumber: String?
        public var pinCode: Bool?
        public var mrtd: Bool?
        public var cardReader: String?
        public var certificatePolicies: [String]?

        public init(personalNumber: String? = nil, pinCode: Bool? = nil) {
            self.personalNumber = personalNumber
            self.pinCode = pinCode
        }
    }

    public struct AuthRequest: Codable, Sendable, Equatable {
        public var endUserIp: String
        public var requirement: Requirement?
        /// Base64 of UTF-8 text shown in the app.
        public var userVisibleData: String?
        public var userVisibleDataFormat: String?
        public var userNonVisibleData: String?
        public var returnUrl: String?
        public var returnRisk: Bool?

        public init(endUserIp: String, requirement: Requirement? = nil, userVisibleData: String? = nil, userVisibleDataFormat: String? = nil) {
            self.endUserIp = endUserIp
            self.requirement = requirement
            self.userVisibleData = userVisibleData
            self.userVisibleDataFormat = userVisibleDataFormat
        }
    }

    public struct AuthResponse: Codable, Sendable, Equatable {
        public var orderRef: String
        public var autoStartToken: String
        public var qrStartToken: String
        public var qrStartSecret: String

        public init(orderRef: String, autoStartToken: String, qrStartToken: String, qrStartSecret: String) {
            self.orderRef = orderRef
            self.autoStartToken = autoStartToken
            self.qrStartToken = qrStartToken
            self.qrStartSecret = qrStartSecret
        }
    }

    public struct OrderRequest: Codable, Sendable, Equatable {
        public var orderRef: String
        public init(orderRef: String) { self.orderRef = orderRef }
    }

    public struct CollectResponse: Codable, Sendable, Equatable {
        public var orderRef: String
        /// `pending`, `failed` or `complete`.
        public var status: String
        public var hintCode: String?
        public var completionData: BankIDCompletion?

        public init(orderRef: String, status: String, hintCode: String? = nil, completionData: BankIDCompletion? = nil) {
            self.orderRef = orderRef
            self.status = status
            self.hintCode = hintCode
            self.completionData = completionData
        }
    }

    public struct ErrorBody: Codable, Sendable, Equatable {
        public var errorCode: String
        public var details: String
        public init(errorCode: String, details: String) {
            self.errorCode = errorCode
            self.details = details
        }
    }
}
