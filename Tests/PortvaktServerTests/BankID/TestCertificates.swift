import Crypto
import Foundation
import SwiftASN1
import X509

/// A throwaway CA with a server certificate for 127.0.0.1 and a client certificate, as PEM files in a folder:
/// what the mutual-TLS tests of the BankID client need.
struct TestCertificates {
    let folder: String
    var caFile: String { folder + "/ca.pem" }
    var serverCertificateFile: String { folder + "/server.pem" }
    var serverKeyFile: String { folder + "/server.key" }
    var clientCertificateFile: String { folder + "/client.pem" }
    var clientKeyFile: String { folder + "/client.key" }

    init() throws {
        folder = NSTemporaryDirectory() + "portvakt-certs-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let now = Date()
        let caKey = P256.Signing.PrivateKey()
        let caName = try DistinguishedName { CommonName("Portvakt test CA") }
        let ca = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(caKey.publicKey), notValidBefore: now - 3600, notValidAfter: now + 86_400,
            issuer: caName, subject: caName, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: .init(caKey))
        try Self.write(ca.serializeAsPEM().pemString, to: caFile)

        func leaf(_ name: String, usage: ExtendedKeyUsage.Usage, ip: Bool) throws -> (Certificate, P256.Signing.PrivateKey) {
            let key = P256.Signing.PrivateKey()
            let certificate = try Certificate(
                version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey), notValidBefore: now - 3600, notValidAfter: now + 86_400,
                issuer: caName, subject: try DistinguishedName { CommonName(name) }, signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.notCertificateAuthority)
                    try ExtendedKeyUsage([usage])
                    if ip { SubjectAlternativeNames([.ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))]) }
                },
                issuerPrivateKey: .init(caKey))
            return (certificate, key)
        }
        let (server, serverKey) = try leaf("127.0.0.1", usage: .serverAuth, ip: true)
        try Self.write(server.serializeAsPEM().pemString, to: serverCertificateFile)
        try Self.write(serverKey.pemRepresentation, to: serverKeyFile)
        let (client, clientKey) = try leaf("Portvakt RP", usage: .clientAuth, ip: false)
        try Self.write(client.serializeAsPEM().pemString, to: clientCertificateFile)
        try Self.write(clientKey.pemRepresentation, to: clientKeyFile)
    }

    private static func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }
}
