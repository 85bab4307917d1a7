package com.aiaops.shared;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OutboundAddressesTest {
    @Test
    void internal_addresses_are_refused_unless_allowed() {
        for (String url : new String[] {"http://127.0.0.1/", "http://localhost:8080/x", "http://10.1.2.3/", "http://192.168.0.1/",
                "http://172.16.0.9/", "http://169.254.169.254/latest/meta-data", "http://[::1]/", "http://0.0.0.0/"}) {
            assertThrows(InvalidRequestException.class, () -> OutboundAddresses.check("url", url, false), url);
        }
        assertEquals("127.0.0.1", OutboundAddresses.check("url", "http://127.0.0.1:9/", true).getHost());
    }

    @Test
    void only_http_urls_with_a_host_and_no_credentials() {
        assertThrows(InvalidRequestException.class, () -> OutboundAddresses.check("url", "file:///etc/passwd", true));
        assertThrows(InvalidRequestException.class, () -> OutboundAddresses.check("url", "gopher://x/", true));
        assertThrows(InvalidRequestException.class, () -> OutboundAddresses.check("url", "http://user:pw@127.0.0.1/", true));
        assertThrows(InvalidRequestException.class, () -> OutboundAddresses.check("url", "not a url", true));
    }
}
