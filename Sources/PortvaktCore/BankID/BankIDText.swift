/// The BankID pages' texts are data: `BankIDText.json` holds each key's Swedish and English text, and the build
/// embeds it (the EmbedDataFiles plugin). The accessors below name their keys, so call sites stay as they were.
extension PageText {
    /// The catalogue, checked once; the tests load the same file, so a broken one never ships.
    static let bankIDTexts = try! TextCatalogue(json: bankIDTextJSON, file: "BankIDText.json")

    /// The text of `key` in this page's language with `values` in its placeholders.
    func bankIDText(_ key: String, _ values: [String: String] = [:]) -> String {
        Self.bankIDTexts.text(key, language, values)
    }
}

/// The texts of the BankID pages, in each language (the status messages are `BankIDMessage`'s).
extension PageText {
    public var bankIDMethod: String { "BankID" }
    public var bankIDTitle: String { bankIDText("bankIDTitle") }
    public var bankIDThisDevice: String { bankIDText("bankIDThisDevice") }
    public var bankIDOtherDevice: String { bankIDText("bankIDOtherDevice") }
    public var bankIDQRInstruction: String { bankIDText("bankIDQRInstruction") }
    public var bankIDMoreOptions: String { bankIDText("bankIDMoreOptions") }
    public var bankIDPersonalNumber: String { bankIDText("bankIDPersonalNumber") }
    public var bankIDPersonalNumberHint: String { bankIDText("bankIDPersonalNumberHint") }
    public var bankIDVerify: String { bankIDText("bankIDVerify") }
    public var bankIDInvalidPersonalNumber: String { bankIDText("bankIDInvalidPersonalNumber") }
    public var bankIDOpenApp: String { bankIDText("bankIDOpenApp") }
    public var bankIDQRAlt: String { bankIDText("bankIDQRAlt") }
    public var bankIDCancel: String { bankIDText("bankIDCancel") }
    public var bankIDTryAgain: String { bankIDText("bankIDTryAgain") }
    /// What the BankID app shows: logging in to the service (`ui.service_name`).
    public func bankIDUserVisibleData(service: String) -> String { bankIDText("bankIDUserVisibleData", ["service": service]) }
    public var bankIDSignUpLead: String { bankIDText("bankIDSignUpLead") }
    public func bankIDSignUpName(_ name: String) -> String { bankIDText("bankIDSignUpName", ["name": name]) }
}
