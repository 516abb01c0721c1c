/// The path of the language switch.
enum LanguageRoutes {
    static let choose = "/language"
}
