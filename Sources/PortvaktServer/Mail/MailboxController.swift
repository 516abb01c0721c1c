import Foundation
import HTTPTypes
import Hummingbird
import PortvaktCore
import PortvaktStore

/// `/mailbox`: the mails of the local mailbox folder, newest first, so a developer on the embedded default can
/// read the codes (the outbox forgets a mail's text once it is sent). It shows every code to whoever can reach it, so it exists only on a developer's machine: no SMTP
/// server, a plain-http issuer on loopback and a loopback listener (a deployment behind a proxy has an https
/// issuer), and it answers only requests addressed to a loopback name (against DNS rebinding).
struct MailboxController: Sendable {
    let mailbox: LocalMailbox
    let pages: PageRenderer

    /// Whether the page may be served with this configuration.
    static func enabled(_ configuration: Configuration) -> Bool {
        configuration.mail.smtp == nil && configuration.isLocalDevelopment
    }

    func addRoutes(to router: Router<PortvaktRequestContext>) {
        router.get(RouterPath(AccountRoutes.mailbox)) { request, _ in
            // HTTP/1.1's Host header becomes the request's authority; a field of that name is read too.
            let names = [request.head.authority, request.headers[HTTPField.Name("Host")!]].compactMap { $0 }
            guard names.allSatisfy(LoopbackName.matches) else { throw PageError.notFound() }
            let language = PageLanguage.choose(
                uiLocales: request.uri.queryParameters["lang"].map { [String($0)] } ?? [], acceptLanguage: request.headers[.acceptLanguage])
            let mails = mailbox.recent(limit: 50).map { mail -> [String: Any] in
                ["subject": mail.subject, "to": mail.to, "date": mail.date, "text": mail.text]
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
