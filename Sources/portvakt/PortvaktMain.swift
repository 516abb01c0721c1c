import PortvaktCLI

@main
struct PortvaktMain {
    static func main() async {
        await Portvakt.main()
    }
}
