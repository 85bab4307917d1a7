package com.aiaops.shared;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Guards requests the platform makes on a client's behalf (checks, webhooks) against SSRF: only http(s)
 * URLs, and no loopback, private, link-local or otherwise internal address unless explicitly allowed
 * ({@code aia.outbound.allow-private}, for tests and on-premises installations).
 */
public final class OutboundAddresses {
    private OutboundAddresses() {
    }

    /** The URL if it may be called, else an invalid-request with the reason. */
    public static URI check(String field, String url, boolean allowPrivate) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.ofField("outbound-address-refused", field, "is not a valid URL");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw InvalidRequestException.ofField("outbound-address-refused", field, "must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getUserInfo() != null) {
            throw InvalidRequestException.ofField("outbound-address-refused", field, "needs a host and no user info");
        }
        if (!allowPrivate) {
            try {
                for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                    if (isInternal(address)) {
                        throw InvalidRequestException.ofField("outbound-address-refused", field, "points at an internal address (" + address.getHostAddress() + "), which is not allowed");
                    }
                }
            } catch (UnknownHostException e) {
                throw InvalidRequestException.ofField("outbound-address-refused", field, "names a host that does not resolve");
            }
        }
        return uri;
    }

    static boolean isInternal(InetAddress address) {
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()
                || (address.getAddress().length == 16 && (address.getAddress()[0] & 0xfe) == 0xfc); // IPv6 unique local
    }

}
