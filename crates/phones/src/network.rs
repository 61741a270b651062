//! Which addresses the laptop has that phones on the same network can reach.

use std::net::{IpAddr, Ipv4Addr};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An address of this laptop, with the name of its network interface.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NetworkAddress {
    /// The interface (`wlan0`, `Wi-Fi`).
    pub interface: String,
    /// The address.
    #[ts(type = "string")]
    pub ip: IpAddr,
}

/// Hotspot addresses the systems give the laptop itself (Network Manager's shared connection,
/// Windows' mobile hotspot, macOS internet sharing): the best choice when present.
const HOTSPOT: [Ipv4Addr; 3] =
    [Ipv4Addr::new(10, 42, 0, 1), Ipv4Addr::new(192, 168, 137, 1), Ipv4Addr::new(192, 168, 2, 1)];

/// The IPv4 addresses phones could reach, best first: the laptop's own hotspot, then private
/// networks (a venue's Wi-Fi), then others. Loopback only when `with_loopback` (tests, a demo on
/// the laptop itself). IPv6 is left out: phones scan an IPv4 address more reliably, and every
/// venue network has one.
pub fn network_addresses(with_loopback: bool) -> Vec<NetworkAddress> {
    let mut found: Vec<NetworkAddress> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|i| match i.ip() {
            IpAddr::V4(v4) if !v4.is_link_local() && !v4.is_unspecified() && (with_loopback || !v4.is_loopback()) => {
                Some(NetworkAddress { interface: i.name, ip: IpAddr::V4(v4) })
            }
            _ => None,
        })
        .collect();
    if with_loopback && !found.iter().any(|a| a.ip.is_loopback()) {
        found.push(NetworkAddress { interface: "lo".into(), ip: IpAddr::V4(Ipv4Addr::LOCALHOST) });
    }
    found.sort_by_key(|a| rank(a.ip));
    found.dedup_by_key(|a| a.ip);
    found
}

fn rank(ip: IpAddr) -> u8 {
    match ip {
        IpAddr::V4(v4) if HOTSPOT.contains(&v4) => 0,
        IpAddr::V4(v4) if v4.is_private() => 1,
        IpAddr::V4(v4) if v4.is_loopback() => 3,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hotspot_comes_first_and_loopback_only_when_asked() {
        assert!(rank(IpAddr::V4(Ipv4Addr::new(10, 42, 0, 1))) < rank(IpAddr::V4(Ipv4Addr::new(192, 168, 1, 7))));
        assert!(rank(IpAddr::V4(Ipv4Addr::new(192, 168, 1, 7))) < rank(IpAddr::V4(Ipv4Addr::new(141, 2, 3, 4))));
        assert!(network_addresses(false).iter().all(|a| !a.ip.is_loopback()));
        assert!(network_addresses(true).iter().any(|a| a.ip.is_loopback()));
    }
}
