import PortvaktCore

/// What a BankID login says in tokens: `acr` names the flow, as Swedish OIDC brokers do; `amr` a software key
/// and a PIN, two factors.
enum BankIDAuthentication {
    static let acrChoice = "urn:grn:authn:se:bankid"
    static let amr = ["swk", "pin", "mfa"]

    static func acr(_ start: BankIDMessage.Start) -> String {
        switch start {
        case .sameDevice: "urn:grn:authn:se:bankid:same-device"
        case .otherDevice: "urn:grn:authn:se:bankid:another-device:qr"
        }
    }
}
