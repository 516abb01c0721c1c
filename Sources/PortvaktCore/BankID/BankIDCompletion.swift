import Foundation

/// What a completed order says about the user (RP API v6 `completionData`).
public struct BankIDCompletion: Sendable, Equatable, Codable {
    public struct User: Sendable, Equatable, Codable {
        public var personalNumber: String
        public var name: String
        public var givenName: String
        public var surname: String

        public init(personalNumber: String, name: String, givenName: String, surname: String) {
            self.personalNumber = personalNumber
            self.name = name
            self.givenName = givenName
            self.surname = surname
        }
    }

    public struct Device: Sendable, Equatable, Codable {
        public var ipAddress: String
        public var uhi: String?

        public init(ipAddress: String, uhi: String?) {
            self.ipAddress = ipAddress
            self.uhi = uhi
        }
    }

    public var user: User
    public var device: Device
    public var bankIdIssueDate: String?
    public var signature: String?
    public var ocspResponse: String?

    public init(user: User, device: Device, bankIdIssueDate: String? = nil, signature: String? = nil, ocspResponse: String? = nil) {
        self.user = user
        self.device = device
        self.bankIdIssueDate = bankIdIssueDate
        self.signature = signature
        self.ocspResponse = ocspResponse
    }
}
