/// The texts of the BankID pages, in each language (the status messages are `BankIDMessage`'s).
extension PageText {
    public var bankIDMethod: String { "BankID" }
    public var bankIDTitle: String { t("Logga in med BankID", "Log in with BankID") }
    public var bankIDThisDevice: String { t("BankID på den här enheten", "BankID on this device") }
    public var bankIDOtherDevice: String { t("BankID på annan enhet", "BankID on another device") }
    public var bankIDQRInstruction: String {
        t("Starta BankID-appen och tryck på QR-symbolen. Skanna sedan QR-koden.", "Start the BankID app and tap the QR symbol. Then scan the QR code.")
    }
    public var bankIDMoreOptions: String { t("Fler sätt, till exempel med personnummer", "More ways, for example with your personal number") }
    public var bankIDPersonalNumber: String { t("Personnummer", "Personal identity number") }
    public var bankIDPersonalNumberHint: String {
        t("Valfritt: fyll i ditt personnummer (ÅÅÅÅMMDD-NNNN) och klicka på Verifiera. Starta sedan BankID på den enhet du vill använda.",
          "Optional: fill in your personal identity number (YYYYMMDD-NNNN) and click Verify. Then start BankID on the device you want to use.")
    }
    public var bankIDVerify: String { t("Verifiera", "Verify") }
    public var bankIDInvalidPersonalNumber: String {
        t("Skriv ett giltigt personnummer, till exempel 19900101-2385.", "Enter a valid personal identity number, such as 19900101-2385.")
    }
    public var bankIDOpenApp: String { t("Öppna BankID-appen", "Open the BankID app") }
    public var bankIDQRAlt: String { t("QR-kod att läsa av med BankID-appen", "QR code to scan with the BankID app") }
    public var bankIDCancel: String { t("Avbryt", "Cancel") }
    public var bankIDTryAgain: String { t("Försök igen", "Try again") }
    /// What the BankID app shows: logging in to the service (`ui.service_name`).
    public func bankIDUserVisibleData(service: String) -> String { t("Logga in på \(service)", "Log in to \(service)") }
    public var bankIDSignUpLead: String {
        t("Du har inget konto ännu. Skriv din e-postadress, så skickar vi en kod för att se att den är din.",
          "You have no account yet. Enter your e-mail address and we will send a code to check that it is yours.")
    }
    public func bankIDSignUpName(_ name: String) -> String { t("Namn enligt BankID: \(name)", "Name according to BankID: \(name)") }
}
