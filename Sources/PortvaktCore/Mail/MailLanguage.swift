/// The language of a mail: the recipient's when it is known (an account's locale), else Swedish with an English
/// line, for an address nobody has told us the language of (a business's registered address, an invited one).
public enum MailLanguage: Sendable, Equatable {
    case known(PageLanguage)
    case unknown

    /// The recipient's language from an account's locale, if there is an account.
    public static func of(locale: String?, hasAccount: Bool) -> MailLanguage {
        guard hasAccount else { return .unknown }
        return .known(PageLanguage.choose(explicit: nil, chosen: nil, uiLocales: [], accountLocale: locale, acceptLanguage: nil))
    }
}

extension MailText {
    /// The mail `make` writes, in `language`: for an unknown language the Swedish mail with an English line after it
    /// (the English paragraphs that differ from the Swedish ones, such as everything but a link).
    public static func written(in language: MailLanguage, _ make: (PageLanguage) -> MailText) -> MailText {
        switch language {
        case .known(let known):
            return make(known)
        case .unknown:
            var swedish = make(.sv)
            let english = make(.en)
            let line = english.paragraphs.filter { !swedish.paragraphs.contains($0) }.joined(separator: " ")
            swedish.paragraphs.append("In English: \(english.subject). \(line)")
            swedish.signature.addEnglishLabel()
            return swedish
        }
    }
}
