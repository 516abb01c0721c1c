/// What the user is told during a BankID order: the RFA messages of BankID's guidelines, in Swedish and English.
public enum BankIDMessage: String, Sendable, CaseIterable {
    case rfa1, rfa3, rfa4, rfa5, rfa6, rfa8, rfa9, rfa13, rfa15, rfa16, rfa17A, rfa17B, rfa20, rfa21, rfa22, rfa23
    /// Not an RFA: a same-device order the app completed on another IP address (`bankid.same_device_ip_check`).
    case deviceIPDiffers

    /// How the user started the app: the same device (autostart link) or another (QR code).
    public enum Start: String, Sendable, Codable {
        case sameDevice = "same-device"
        case otherDevice = "other-device"
    }

    /// The message for a pending order's hint code. Unknown hint codes get the generic one.
    public static func pending(hintCode: String?, start: Start) -> BankIDMessage {
        switch hintCode?.lowercased() {
        case "outstandingtransaction": start == .sameDevice ? .rfa13 : .rfa1
        case "noclient": .rfa1
        case "started": .rfa15
        case "usersign": .rfa9
        case "usermrtd": .rfa23
        default: .rfa21
        }
    }

    /// The message for a failed order's hint code. Unknown hint codes get the generic one.
    public static func failed(hintCode: String?, start: Start) -> BankIDMessage {
        switch hintCode?.lowercased() {
        case "expiredtransaction": .rfa8
        case "certificateerr": .rfa16
        case "usercancel": .rfa6
        case "cancelled": .rfa3
        case "startfailed": start == .sameDevice ? .rfa17A : .rfa17B
        default: .rfa22
        }
    }

    /// The message for an error answer of the RP API (the order could not be started or collected).
    public static func error(code: String) -> BankIDMessage {
        switch code.lowercased() {
        case "alreadyinprogress": .rfa4
        case "requesttimeout", "internalerror", "maintenance": .rfa5
        case BankIDOrderMachine.deviceIPDiffers.lowercased(): .deviceIPDiffers
        default: .rfa22
        }
    }

    public func text(_ language: PageLanguage) -> String {
        let sv = language == .sv
        switch self {
        case .rfa1: return sv ? "Starta BankID-appen." : "Start your BankID app."
        case .rfa3: return sv ? "Åtgärden avbruten. Försök igen." : "Action cancelled. Please try again."
        case .rfa4:
            return sv
                ? "En identifiering eller underskrift för det här personnumret är redan påbörjad. Försök igen."
                : "An identification or signing for this personal number is already started. Please try again."
        case .rfa5: return sv ? "Något gick fel. Försök igen." : "Something went wrong. Please try again."
        case .rfa6: return sv ? "Åtgärden avbröts." : "Action cancelled."
        case .rfa8:
            return sv
                ? "BankID-appen svarar inte. Kontrollera att den är startad och att du har internetanslutning. Försök sedan igen."
                : "The BankID app is not responding. Please check that it's started and that you have internet access. Try again."
        case .rfa9: return sv ? "Skriv in din säkerhetskod i BankID-appen och välj Identifiera." : "Enter your security code in the BankID app and select Identify."
        case .rfa13: return sv ? "Försöker starta BankID-appen." : "Trying to start your BankID app."
        case .rfa15:
            return sv
                ? "Söker efter BankID. Säkerställ att du har ett giltigt BankID på den här enheten."
                : "Searching for BankID. Make sure you have a valid BankID on this device."
        case .rfa16:
            return sv
                ? "Ditt BankID är för gammalt eller spärrat. Använd ett annat BankID eller skaffa ett nytt hos din bank."
                : "Your BankID is blocked or too old. Please use another BankID or get a new one from your bank."
        case .rfa17A:
            return sv
                ? "Du verkar inte ha BankID-appen. Installera den och skaffa ett BankID hos din bank."
                : "You don't seem to have the BankID app. Please install it and get a BankID from your bank."
        case .rfa17B:
            return sv
                ? "Misslyckades att läsa av QR-koden. Starta BankID-appen och läs av QR-koden."
                : "Failed to scan the QR code. Start the BankID app and scan the QR code."
        case .rfa20:
            return sv
                ? "Vill du använda BankID på den här enheten eller på en annan enhet?"
                : "Do you want to use BankID on this device or on another device?"
        case .rfa21: return sv ? "En identifiering eller underskrift pågår." : "An identification or signing is in progress."
        case .rfa22: return sv ? "Något gick fel. Försök igen." : "Something went wrong. Please try again."
        case .deviceIPDiffers:
            return sv
                ? "BankID-appen användes på en annan enhet än den här. Av säkerhetsskäl avbröts inloggningen. Försök igen och använd BankID på den här enheten, eller välj BankID på annan enhet."
                : "The BankID app was used on another device than this one. For your security the login was stopped. Try again and use BankID on this device, or choose BankID on another device."
        case .rfa23: return sv ? "Fotografera och läs av din ID-handling med BankID-appen." : "Take a photo of, and scan, your ID document with the BankID app."
        }
    }
}
