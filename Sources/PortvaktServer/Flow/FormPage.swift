/// A page of forms with an optional lead, notice and links under them.
struct FormPage {
    var title: String
    var lead: String?
    var notice: String?
    /// Ways on shown as buttons before the forms (another method first, as "Skapa konto med BankID").
    var choices: [(href: String, text: String)] = []
    var forms: [FormView]
    var links: [(href: String, text: String)] = []
    /// Seconds after which the page loads itself again (a page that waits for something done elsewhere).
    var reload: Int?

    var values: [String: Any] {
        var values: [String: Any] = [
            "forms": forms.map(\.values), "links": links.map { ["href": $0.href, "text": $0.text] },
            "choices": choices.map { ["href": $0.href, "text": $0.text] },
        ]
        values["lead"] = lead
        values["notice"] = notice
        values["reload"] = reload
        return values
    }
}
