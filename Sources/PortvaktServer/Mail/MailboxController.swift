import Foundation
import Hummingbird
import PortvaktCore
import PortvaktStore

/// `/mailbox`: the mails of the local mailbox, newest first, so a developer on the embedded default can read
/// the codes. Registered only when no SMTP server is configured and Portvakt listens on a loopback address:
/// it shows every code to whoever can reach it.
struct MailboxController: Sendable {
    let outbox: any MailOutbox
    let pages: PageRenderer

    /// Whether the page may be served with this configuration.
    static func enabled(_ configuration: Configuration) -> Bool {
        configuration.mail.smtp == nil && ["127.0.0.1", "::1", "localhost"].contains(configuration.listen.host)
    }

    func addRoutes(to router: Router<PortvaktRequestContext>) {
        router.get(RouterPath(AccountRoutes.mailbox)) { request, _ in
            let language = PageLanguage.choose(
                uiLocales: request.uri.queryParameters["lang"].map { [String($0)] } ?? [], acceptLanguage: request.headers[.acceptLanguage])
            let mails = try await outbox.mailQueue(limit: 50).map { mail -> [String: Any] in
                [
                    "subject": mail.message.subject, "to": mail.message.to.address, "date": Timestamp.iso(mail.createdAt),
                    "state": mail.state.rawValue, "text": mail.message.text,
                ]
            }
            let sv = language == .sv
            return pages.render(
                "mailbox", title: sv ? "Lokal brevlåda" : "Local mailbox", language: language,
                values: [
                    "mails": mails, "empty": sv ? "Inga brev ännu." : "No mail yet.",
                    "warning": sv
                        ? "Ingen e-postserver är inställd: breven stannar här och i mappen för den lokala brevlådan."
                        : "No mail server is configured: mail stays here and in the local mailbox folder.",
                ])
        }
    }
}
