/// The HTML templates (Mustache) and the static files the pages use. Each is a data file beside this one,
/// `Templates/NAME.mustache`, `Static/portvakt.css` and `Static/bankid.js`, that the EmbedDataFiles plugin turns
/// into a `static let` of this enum at build time: the binary carries them, so a release build needs no resource
/// folder. Every page works without JavaScript; forms that change state carry a CSRF token.
enum Templates {
    /// Every template by the name a page is rendered with.
    static let all: [String: String] = [
        // The page around every other one: head, the product line, the title, the body block, the footer.
        "layout": layout,
        // A page in error: what went wrong and, when there is one, the way on.
        "error": error,
        // The login methods, or the message that there is none; sign-up when open.
        "login": login,
        // The scopes a client asks for, approve or deny.
        "consent": consent,
        // The question before an RP-initiated logout.
        "logout": logout,
        // One line of text and a link.
        "message": message,
        // Any page of forms (`FormPage`): sign-up, login, codes, reset, the account page.
        "form": form,
        // A page of text paragraphs (the privacy policy).
        "document": document,
        // The local mailbox (embedded default only).
        "mailbox": mailbox,
        // A BankID order in progress: the status message (RFA), the QR code or the button that opens the app, and
        // cancel. Without JavaScript the page reloads itself; with it, `Static/bankid.js` polls the status.
        "bankid": bankid,
        // One business: its state, activation, "Skapa ny användare", and "Användarhantering" as two tables
        // (members and invitations) whose every control is labelled by its row; actions only where they apply.
        "business": business,
        // A new customer's application: its status, the reviewer's question, the details sent, and the ways on.
        "application": application,
        // The staff desk: the application queue and one application with its checks, history and decisions.
        "staff": staff,
    ].mapValues(withoutFinalLineBreak)

    /// A template file ends with a line break, as text files do; the template is the text before it, so a page
    /// ends at its last tag (`</html>`), not with a blank line.
    static func withoutFinalLineBreak(_ text: String) -> String {
        text.hasSuffix("\n") ? String(text.dropLast()) : text
    }
}
