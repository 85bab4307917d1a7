package com.aiaops.shared;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Guards requests the platform makes on a client's behalf (checks, webhooks) against SSRF: only http(s)
 * URLs, and no loopback, private, link-local or otherwise internal address unless that address is explicitly
 * allowed ({@code aia.outbound.allowed-internal}: IP addresses separated by commas, for tests and on-premises
 * installations).
 */
public final class OutboundAddresses {
    private static final Set<String> ALLOWED_INTERNAL = parse(System.getProperty("aia.outbound.allowed-internal", ""));

    private OutboundAddresses() {
    }

    /** The URL if it may be called under the server's configuration, else an invalid-request with the reason. */
    public static URI check(String field, String url) {
        return check(field, url, ALLOWED_INTERNAL);
    }

    /** The URL if it may be called, allowing only the internal addresses listed, else an invalid-request with the reason. */
    public static URI check(String field, String url, Set<String> allowedInternal) {
        return check(field, url, Set.of("http", "https"), allowedInternal);
    }

    /** As {@link #check(String, String)} for a URL of one of the schemes given (e.g. {@code tcp} for a port check). */
    public static URI checkScheme(String field, String url, Set<String> schemes) {
        return check(field, url, schemes, ALLOWED_INTERNAL);
    }

    private static URI check(String field, String url, Set<String> schemes, Set<String> allowedInternal) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.ofField("outbound-address-refused", field, "is not a valid URL");
        }
        if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase(java.util.Locale.ROOT))) {
            throw InvalidRequestException.ofField("outbound-address-refused", field, "must be a URL of scheme "
                    + String.join(" or ", new java.util.TreeSet<>(schemes)));
        }
        if (uri.getHost() == null || uri.getUserInfo() != null) {
            throw InvalidRequestException.ofField("outbound-address-refused", field, "needs a host and no user info");
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (isInternal(address) && !allowedInternal.contains(address.getHostAddress())) {
                    throw InvalidRequestException.ofField("outbound-address-refused", field, "points at an internal address ("
                            + address.getHostAddress() + "), which is not allowed");
                }
            }
        } catch (UnknownHostException e) {
            throw InvalidRequestException.ofField("outbound-address-refused", field, "names a host that does not resolve");
        }
        return uri;
    }

    static boolean isInternal(InetAddress address) {
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()
                || (address.getAddress().length == 16 && (address.getAddress()[0] & 0xfe) == 0xfc); // IPv6 unique local
    }

    static Set<String> parse(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(OutboundAddresses::canonical).collect(Collectors.toUnmodifiableSet());
    }

    /** The address as {@link InetAddress#getHostAddress()} writes it, so "::1" and "0:0:0:0:0:0:0:1" match. */
    private static String canonical(String literal) {
        try {
            return InetAddress.getByName(literal).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("aia.outbound.allowed-internal lists IP addresses; '" + literal + "' is not one", e);
        }
    }
}
