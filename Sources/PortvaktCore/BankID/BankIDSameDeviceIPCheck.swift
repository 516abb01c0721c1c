/// What happens when a same-device order completes in an app on another IP address than the browser's
/// (`bankid.same_device_ip_check`). BankID's guidance: on the same device the two should match, and a
/// difference suggests the start link was relayed to someone else's phone.
public enum BankIDSameDeviceIPCheck: String, Sendable, Equatable, CaseIterable {
    /// The order fails (`deviceIpDiffers`) and the user is told to try again on this device: the default.
    case refuse
    /// The order completes and the difference is only audited (`device_ip_differs`), for networks where the
    /// browser and the app leave by different addresses (some mobile carriers, split VPNs).
    case audit
}
