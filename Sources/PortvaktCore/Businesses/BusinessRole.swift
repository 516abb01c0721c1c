import Foundation

/// What a member may do in a business.
public enum BusinessRole: String, Sendable, CaseIterable, Codable {
    /// Administratör: full access; changes anyone's role, its own too.
    case admin
    /// Användare: limited access; sees the business and may leave it.
    case user

    public func label(_ language: PageLanguage) -> String {
        switch (self, language) {
        case (.admin, .sv): "Administratör"
        case (.admin, .en): "Administrator"
        case (.user, .sv): "Användare"
        case (.user, .en): "User"
        }
    }
}
