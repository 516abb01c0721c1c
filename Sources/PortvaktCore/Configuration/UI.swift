import Foundation

/// The `ui` settings: the service's and the organisation's names, a logo, the primary colour and a support link,
/// shown on every page. Defaults stay neutral: "Mina sidor", no organisation, no logo, a dark green, no link.
public struct UI: Sendable, Equatable {
    public enum LogoType: String, Sendable, Equatable {
        case png = "image/png"
        case svg = "image/svg+xml"
        case jpeg = "image/jpeg"
    }

    /// The service's name, in every page's header and title.
    public var serviceName = "Mina sidor"
    /// The organisation behind it, beside the name; nil shows none.
    public var organisation: String?
    /// A logo file (PNG, SVG or JPEG, at most `maximumLogoBytes`), read at start-up and served at `/static/logo`.
    public var logoFile: String?
    public var logoType: LogoType?
    /// `#rrggbb`: buttons and the header. White text on it must reach WCAG AA contrast (4.5:1).
    public var primaryColor = "#2d6a4f"
    /// Where a user gets help (https, or mailto:), in every page's footer.
    public var supportURL: String?

    public static let maximumLogoBytes = 512 * 1024

    public init() {}

    /// The settings under `ui`; `value(path)` gives a setting's string and the name to report it by.
    static func parse(_ value: (String) throws(ConfigurationError) -> (String, String)) throws(ConfigurationError) -> UI {
        var ui = UI()
        let (name, nameSetting) = try value("ui.service_name")
        let trimmedName = name.trimmingCharacters(in: .whitespaces)
        guard (1...60).contains(trimmedName.count), !trimmedName.contains(where: \.isNewline) else {
            throw ConfigurationError(setting: nameSetting, message: "expected the service's name, 1 to 60 characters on one line, as in Mina sidor")
        }
        ui.serviceName = trimmedName
        let (organisation, organisationSetting) = try value("ui.organisation")
        let trimmedOrganisation = organisation.trimmingCharacters(in: .whitespaces)
        guard trimmedOrganisation.count <= 80, !trimmedOrganisation.contains(where: \.isNewline) else {
            throw ConfigurationError(setting: organisationSetting, message: "expected the organisation's name, at most 80 characters on one line, or empty")
        }
        ui.organisation = trimmedOrganisation.isEmpty ? nil : trimmedOrganisation
        let (logo, logoSetting) = try value("ui.logo_file")
        if !logo.isEmpty {
            let types: [String: LogoType] = ["png": .png, "svg": .svg, "jpg": .jpeg, "jpeg": .jpeg]
            guard let type = types[(logo as NSString).pathExtension.lowercased()] else {
                throw ConfigurationError(setting: logoSetting, message: "expected a .png, .svg or .jpg file, got \(logo)")
            }
            ui.logoFile = logo
            ui.logoType = type
        }
        let (color, colorSetting) = try value("ui.primary_color")
        guard let contrast = contrastWithWhite(color) else {
            throw ConfigurationError(setting: colorSetting, message: "expected a colour as #rrggbb, as in #2d6a4f, got \"\(color)\"")
        }
        guard contrast >= 4.5 else {
            throw ConfigurationError(
                setting: colorSetting,
                message: String(format: "white text on %@ has a contrast of %.1f:1; pick a darker colour (WCAG AA needs 4.5:1)", color, contrast))
        }
        ui.primaryColor = color.lowercased()
        let (support, supportSetting) = try value("ui.support_url")
        if !support.isEmpty {
            let components = URLComponents(string: support)
            let web = ["https", "http"].contains(components?.scheme ?? "") && components?.host?.isEmpty == false
            let mail = components?.scheme == "mailto" && support.contains("@")
            guard web || mail, !support.contains(where: \.isWhitespace) else {
                throw ConfigurationError(setting: supportSetting, message: "expected an https:// address or a mailto: link, got \"\(support)\"")
            }
            ui.supportURL = support
        }
        return ui
    }

    /// The WCAG contrast ratio of white against `#rrggbb`; nil when it is not such a colour.
    public static func contrastWithWhite(_ color: String) -> Double? {
        guard color.count == 7, color.first == "#", let value = Int(color.dropFirst(), radix: 16) else { return nil }
        func linear(_ channel: Int) -> Double {
            let c = Double(channel) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        let luminance = 0.2126 * linear(value >> 16 & 0xff) + 0.7152 * linear(value >> 8 & 0xff) + 0.0722 * linear(value & 0xff)
        return 1.05 / (luminance + 0.05)
    }
}
