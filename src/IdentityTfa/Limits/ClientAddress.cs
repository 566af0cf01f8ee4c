using System.Net;
using System.Net.Sockets;

namespace IdentityTfa.Limits;

/// <summary>The client address a request limit counts: an IPv4 address itself, an IPv6 address by its /64.</summary>
internal static class ClientAddress
{
    /// <summary>
    /// The partition of an address. One IPv6 subscriber usually holds a whole /64, so counting single IPv6 addresses
    /// would give one attacker 2^64 fresh allowances.
    /// </summary>
    public static string PartitionOf(IPAddress? address)
    {
        if (address is null)
        {
            return "none";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
