import Foundation
import Testing

@testable import PortvaktCore

@Suite struct PersonalNumberTests {
    /// 2026-11-25, noon in Stockholm.
    let today = Date(timeIntervalSince1970: 1_795_604_400)

    func parse(_ text: String) -> Result<PersonalNumber, PersonalNumber.Problem> { PersonalNumber.parse(text, today: today) }

    @Test(arguments: ["199001012385", "19900101-2385", "900101-2385", "9001012385", " 900101-2385 "])
    func everyWrittenFormGivesTheSameTwelveDigits(_ text: String) throws {
        #expect(try parse(text).get().digits == "199001012385")
    }

    @Test func skatteverketsTestNumbersAreValidAndTheWrongCheckDigitIsNot() throws {
        for valid in ["199001012385", "189001019802", "201701012393"] { #expect(try parse(valid).get().digits == valid) }
        #expect(parse("199001012386") == .failure(.checkDigit))
    }

    @Test func samordningsnummerHaveTheirDayPlusSixty() throws {
        let number = try parse("202201612393").get()
        #expect(number.isCoordinationNumber && number.birthDate == DateComponents(year: 2022, month: 1, day: 1))
        #expect(try !parse("199001012385").get().isCoordinationNumber)
    }

    @Test func thePlusSeparatorMeansAHundredYearsOrOlder() throws {
        #expect(try parse("900101+9802").get().digits == "189001019802")
        #expect(try parse("170101-2393").get().digits == "201701012393")
        #expect(parse("189001019802+") == .failure(.format))
    }

    @Test func datesMustExistLeapYearsIncluded() throws {
        // 2000-02-29 existed; 1900-02-29 and 2023-02-29 did not; month 13 never does.
        #expect(try parse("200002292381").get().digits == "200002292381")
        #expect(parse("190002292381") == .failure(.date))
        #expect(parse("202302292380") == .failure(.date))
        #expect(parse("199013012385") == .failure(.date))
        #expect(parse("199001922385") == .failure(.date), "day 92 is past a samordningsnummer's range")
    }

    @Test func otherTextIsAFormatError() {
        for text in ["", "abc", "19900101238", "1990010123856", "1990-01-01-2385", "19900101 2385"] {
            #expect(parse(text) == .failure(.format), "\(text)")
        }
    }

    @Test func aShortFormIsNeverInTheFuture() throws {
        // 2026-12-24 has not happened on 2026-11-25: 261224 is 1926; 261124 is this year.
        #expect(try parse("261224-0008").get().digits == "192612240008")
        #expect(try parse("2611240009").get().digits == "202611240009")
    }

    @Test func logsSeeOnlyTheMaskedForm() throws {
        let number = try parse("199001012385").get()
        #expect(number.masked == "19900101-****" && "\(number)" == "19900101-****")
        #expect(PersonalNumber.masked(number.digits) == number.masked, "stored digits show as the parsed number does")
    }
}

@Suite struct BankIDQRTests {
    @Test func theDesignNotesVector() {
        #expect(BankIDQR.authCode(secret: "d28db9a7-4cde-429e-a983-359be676944c", seconds: 0)
            == "dc69358e712458a66a7525beef148ae8526b1c71610eff2c16cdffb4cdac9bf8")
        let content = BankIDQR.content(token: "67df3917-fa0d-44e5-b327-edcc928297f8", secret: "d28db9a7-4cde-429e-a983-359be676944c", seconds: 0)
        #expect(content == "bankid.67df3917-fa0d-44e5-b327-edcc928297f8.0.dc69358e712458a66a7525beef148ae8526b1c71610eff2c16cdffb4cdac9bf8")
        #expect(BankIDQR.parse(content)?.seconds == 0 && BankIDQR.parse(content)?.token == "67df3917-fa0d-44e5-b327-edcc928297f8")
        #expect(BankIDQR.parse("bankid.t.01.\(String(repeating: "a", count: 64))") == nil, "qrTime is unpadded")
        #expect(BankIDQR.content(token: "t", secret: "s", seconds: 1) != BankIDQR.content(token: "t", secret: "s", seconds: 2))
    }
}

@Suite struct BankIDMessageTests {
    @Test func pendingHintsMapToTheirRFAMessages() {
        #expect(BankIDMessage.pending(hintCode: "outstandingTransaction", start: .otherDevice) == .rfa1)
        #expect(BankIDMessage.pending(hintCode: "outstandingTransaction", start: .sameDevice) == .rfa13)
        #expect(BankIDMessage.pending(hintCode: "noClient", start: .sameDevice) == .rfa1)
        #expect(BankIDMessage.pending(hintCode: "started", start: .otherDevice) == .rfa15)
        #expect(BankIDMessage.pending(hintCode: "userSign", start: .otherDevice) == .rfa9)
        #expect(BankIDMessage.pending(hintCode: "USERSIGN", start: .otherDevice) == .rfa9, "case-insensitive")
        #expect(BankIDMessage.pending(hintCode: "userMrtd", start: .otherDevice) == .rfa23)
        #expect(BankIDMessage.pending(hintCode: "somethingNew", start: .otherDevice) == .rfa21)
    }

    @Test func failuresAndErrorsMapToTheirRFAMessages() {
        #expect(BankIDMessage.failed(hintCode: "expiredTransaction", start: .otherDevice) == .rfa8)
        #expect(BankIDMessage.failed(hintCode: "certificateErr", start: .otherDevice) == .rfa16)
        #expect(BankIDMessage.failed(hintCode: "userCancel", start: .otherDevice) == .rfa6)
        #expect(BankIDMessage.failed(hintCode: "cancelled", start: .otherDevice) == .rfa3)
        #expect(BankIDMessage.failed(hintCode: "startFailed", start: .sameDevice) == .rfa17A)
        #expect(BankIDMessage.failed(hintCode: "startFailed", start: .otherDevice) == .rfa17B)
        #expect(BankIDMessage.failed(hintCode: "transactionRiskBlocked", start: .otherDevice) == .rfa22)
        #expect(BankIDMessage.error(code: "alreadyInProgress") == .rfa4)
        #expect(BankIDMessage.error(code: "Maintenance") == .rfa5)
        #expect(BankIDMessage.error(code: BankIDOrderMachine.deviceIPDiffers) == .deviceIPDiffers)
        #expect(BankIDMessage.deviceIPDiffers.text(.sv).contains("BankID-appen användes på en annan enhet än den här"))
        #expect(BankIDMessage.deviceIPDiffers.text(.en).contains("another device"))
        #expect(BankIDMessage.error(code: "internalError") == .rfa5 && BankIDMessage.error(code: "requestTimeout") == .rfa5)
        #expect(BankIDMessage.error(code: "unauthorized") == .rfa22)
        #expect(BankIDMessage.rfa20.text(.sv) == "Vill du använda BankID på den här enheten eller på en annan enhet?")
        #expect(BankIDMessage.rfa9.text(.en) == "Enter your security code in the BankID app and select Identify.")
    }
}
