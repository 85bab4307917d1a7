package com.aiaops.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium and chromium-driver (installed by the build's browser set-up), as the browser tests drive
 * it: a fresh profile, no background traffic, a desktop-sized window.
 */
final class HeadlessChromium {
    private HeadlessChromium() {
    }

    static WebDriver start() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("aia.it.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1440,1000",
                // A busy two-core machine must not make Chromium deprioritise the page the test is waiting on.
                "--disable-renderer-backgrounding", "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows",
                "--user-data-dir=" + Files.createTempDirectory("aia-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("aia.it.chromedriver", "/usr/bin/chromedriver"))).build();
        return new ChromeDriver(service, options);
    }
}
