import Foundation

/// A test identity of the BankID simulator (Skatteverket's public test numbers).
public struct BankIDTestIdentity: Sendable, Equatable, Codable {
    public var personalNumber: String
    public var givenName: String
    public var surname: String
    public var name: String
    public var personalCode: String

    public init(personalNumber: String, givenName: String, surname: String, name: String, personalCode: String) {
        self.personalNumber = personalNumber
        self.givenName = givenName
        self.surname = surname
        self.name = name
        self.personalCode = personalCode
    }
}
