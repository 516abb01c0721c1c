/// Why a new password is refused.
public enum PasswordProblem: Equatable, Sendable {
    case tooShort(minimum: Int)
    case tooLong(maximum: Int)
    case common
    case containsPersonalDetail

    /// The message shown next to the field, in the page's language.
    public func message(_ language: PageLanguage) -> String {
        switch (self, language) {
        case (.tooShort(let minimum), .sv): "Lösenordet måste ha minst \(minimum) tecken."
        case (.tooShort(let minimum), .en): "The password must have at least \(minimum) characters."
        case (.tooLong(let maximum), .sv): "Lösenordet får ha högst \(maximum) tecken."
        case (.tooLong(let maximum), .en): "The password may have at most \(maximum) characters."
        case (.common, .sv): "Lösenordet är för vanligt. Välj ett annat."
        case (.common, .en): "This password is too common. Choose another one."
        case (.containsPersonalDetail, .sv): "Lösenordet får inte vara din e-postadress eller ditt namn."
        case (.containsPersonalDetail, .en): "The password must not be your e-mail address or your name."
        }
    }
}
