package com.aiaops.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal SMTP server on loopback (the port the test server's mail session points at): it accepts every
 * message and keeps its envelope recipients and raw text, so tests read the mail the platform sent.
 */
final class SmtpSink implements AutoCloseable {
    static final int PORT = Integer.getInteger("aia.it.smtp.port", 10125);

    record Mail(List<String> recipients, String data) {
        boolean has(String text) {
            return data.contains(text);
        }
    }

    private final ServerSocket socket;
    private final Thread acceptor;
    final List<Mail> mails = new CopyOnWriteArrayList<>();

    SmtpSink() throws IOException {
        socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), PORT));
        acceptor = new Thread(this::accept, "smtp-sink");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                converse(client);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    throw new IllegalStateException("SMTP sink failed", e);
                }
            }
        }
    }

    private void converse(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8);
        reply(out, "220 sink ready");
        List<String> recipients = new CopyOnWriteArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
            switch (command) {
                case "EHLO", "HELO" -> reply(out, "250 sink");
                case "RCPT" -> {
                    recipients.add(line.substring(line.indexOf('<') + 1, line.indexOf('>')));
                    reply(out, "250 ok");
                }
                case "DATA" -> {
                    reply(out, "354 go on");
                    StringBuilder data = new StringBuilder();
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        data.append(line.startsWith("..") ? line.substring(1) : line).append('\n');
                    }
                    mails.add(new Mail(List.copyOf(recipients), data.toString()));
                    recipients.clear();
                    reply(out, "250 queued");
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "250 ok");
            }
        }
    }

    private static void reply(Writer out, String text) throws IOException {
        out.write(text + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
