package com.aiaops.shared;

import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OutboundAddressesTest {
    private static final Set<String> NONE = Set.of();

    @Test
    void internalAddressesAreRefusedUnlessThatAddressIsAllowed() {
        for (String url : new String[] {"http://127.0.0.1/", "http://10.0.0.5/x", "http://192.168.1.1/", "http://169.254.169.254/latest",
                "http://[::1]/", "http://0.0.0.0/", "http://172.16.3.4/", "http://[fd00::1]/"}) {
            assertThrows(InvalidRequestException.class, () -> OutboundAddresses.check("url", url, NONE), url);
        }
        Set<String> loopbackOnly = OutboundAddresses.parse("127.0.0.1, ::1");
        assertEquals("127.0.0.1", OutboundAddresses.check("url", "http://127.0.0.1:9/", loopbackOnly).getHost());
        assertEquals("[::1]", OutboundAddresses.check("url", "http://[::1]:9/", loopbackOnly).getHost());
        // Allowing loopback does not open the private ranges or the cloud metadata address.
        assertThrows(InvalidRequestException.class, () -> OutboundAddresses.check("url", "http://10.0.0.5/", loopbackOnly));
        assertThrows(InvalidRequestException.class, () -> OutboundAddresses.check("url", "http://169.254.169.254/", loopbackOnly));
    }

    @Test
    void onlyHttpUrlsWithAHostAndNoCredentialsAreCalled() {
        Set<String> loopback = Set.of("127.0.0.1");
        assertThrows(InvalidRequestException.class, () -> OutboundAddresses.check("url", "file:///etc/passwd", loopback));
        assertThrows(InvalidRequestException.class, () -> OutboundAddresses.check("url", "gopher://x/", loopback));
        assertThrows(InvalidRequestException.class, () -> OutboundAddresses.check("url", "http://user:pw@127.0.0.1/", loopback));
        assertThrows(InvalidRequestException.class, () -> OutboundAddresses.check("url", "not a url", loopback));
    }
}
