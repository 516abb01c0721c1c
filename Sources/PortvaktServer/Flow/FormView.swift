/// An HTML form as data, rendered by the `form` template. Pages with several forms (the account page) list them.
struct FormView {
    var action: String
    var submit: String
    var hidden: [(name: String, value: String)] = []
    var fields: [FormField] = []
    var heading: String?
    /// Lines of text above the form.
    var lines: [String] = []
    var notice: String?
    var secondary = false
    /// A sentence with a link just above the button, saying what pressing it agrees to (the privacy policy).
    var agreement: (text: String, href: String, linkText: String)?
    /// What the button itself posts, besides the fields: `confirm=yes` on a confirm step, `privacy=yes` on
    /// "Godkänn och skapa konto".
    var button: (name: String, value: String)?
    /// A way back under the form ("Avbryt" on a confirm step).
    var cancel: (href: String, text: String)?
    /// `get` for a form that only asks for a page (it changes nothing and carries no CSRF token).
    var method = "post"

    var values: [String: Any] {
        var values: [String: Any] = [
            "action": action, "method": method, "submit": submit, "hasSubmit": !submit.isEmpty, "secondary": secondary, "lines": lines,
            "hidden": hidden.map { ["name": $0.name, "value": $0.value] }, "fields": fields.map(\.values),
        ]
        values["heading"] = heading
        values["formNotice"] = notice
        if let button { values["button"] = ["name": button.name, "value": button.value] }
        if let agreement { values["agreement"] = ["text": agreement.text, "href": agreement.href, "linkText": agreement.linkText] }
        if let cancel { values["cancel"] = ["href": cancel.href, "text": cancel.text] }
        return values
    }
}
