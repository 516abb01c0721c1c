import Foundation
import PortvaktCore
import PortvaktCrypto

/// What a multi-step form flow carries from one step to the next (sign-up, code entry, reset): the step it is
/// good for, its subject (an address or an account), the pending authorization request, and an expiry, with an
/// HMAC under a key derived from the KEK and bound to the browser's cookie. It holds no secret, cannot be
/// forged or moved to another browser, and doubles as the form's CSRF token. Single use is not its job: the
/// codes it leads to are single use in the store.
struct FlowTicket: Codable, Equatable, Sendable {
    enum Step: String, Codable, Sendable {
        case signUpCode = "signup-code"
        case signUpDetails = "signup-details"
        /// The details step of a sign-up whose address an invitation proved (no code was mailed).
        case invitedSignUpDetails = "invited-signup-details"
        case loginCode = "login-code"
        case resetCode = "reset-code"
        case resetPassword = "reset-password"
        case emailCode = "email-code"
        case bankIDSignUpCode = "bankid-signup-code"
        case bankIDSignUpDetails = "bankid-signup-details"
    }

    var step: Step
    var subject: String
    /// The pending authorization request, or "" when no app waits.
    var request: String
    var expires: Int64

    init(step: Step, subject: String, request: String?, now: Date, lifetime: TimeInterval = OneTimeCode.lifetime + 1200) {
        self.step = step
        self.subject = subject
        self.request = request ?? ""
        self.expires = Timestamp.seconds(now.addingTimeInterval(lifetime))
    }

    var pendingID: String? { request.isEmpty ? nil : request }

    func seal(key: [UInt8], browser: [UInt8]) -> String {
        // The encoder cannot fail on strings and integers.
        BrowserSeal.seal(Array(try! JSONEncoder().encode(self)), purpose: "flow", key: key, browser: browser)
    }

    /// The ticket in `text` if its tag is right for this browser, it is for `step`, and it has not expired.
    static func open(_ text: String?, step: Step, key: [UInt8], browser: [UInt8], now: Date) -> FlowTicket? {
        guard let data = BrowserSeal.open(text, purpose: "flow", key: key, browser: browser, maximumLength: 2047),
            let ticket = try? JSONDecoder().decode(FlowTicket.self, from: Data(data)),
            ticket.step == step, ticket.expires > Timestamp.seconds(now)
        else { return nil }
        return ticket
    }
}
