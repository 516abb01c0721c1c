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
        // Every id once on the page: a field name that an earlier form used gets the form's number.
        var used = Set<String>()
        let unique = forms.enumerated().map { index, form in
            var form = form
            for field in form.fields.indices {
                let name = form.fields[field].name
                if used.contains(name) { form.fields[field].id = "\(name)-\(index + 1)" }
                used.insert(form.fields[field].id ?? name)
            }
            return form
        }
        var values: [String: Any] = [
            "forms": unique.map(\.values), "links": links.map { ["href": $0.href, "text": $0.text] },
            "choices": choices.map { ["href": $0.href, "text": $0.text] },
        ]
        values["lead"] = lead
        values["notice"] = notice
        values["reload"] = reload
        return values
    }
}
