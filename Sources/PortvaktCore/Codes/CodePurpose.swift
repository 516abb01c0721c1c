/// What a one-time code is for; a code sent for one flow never works in another.
public enum CodePurpose: String, Sendable, Codable, CaseIterable {
    case signUp = "sign_up"
    case login
    case passwordReset = "password_reset"
    case emailChange = "email_change"
}
