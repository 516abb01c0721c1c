/// The reasons a reviewer may reject an application with by choosing rather than writing. The applicant is told
/// the reason in their own language (`StaffDeskText.rejectionReason`), whatever language the reviewer's page is in; a
/// reason written freely is sent as it was written.
public enum StandardRejectionReason: String, Sendable, CaseIterable {
    /// The business does not handle deposit packaging.
    case notDepositBusiness = "not_deposit_business"
    /// The information could not be verified.
    case notVerified = "not_verified"
    /// The business is already a customer.
    case alreadyCustomer = "already_customer"
    /// The application is incomplete.
    case incomplete
}
