package com.aiaops.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import static com.aiaops.shared.Html.escape;

/** A titled table rendered both ways: CSV for spreadsheets, escaped HTML for people. */
record ReportTable(String title, List<String> headers, List<List<String>> rows) {

    String csv() {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            printer.printRecord(headers);
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    String html() {
        StringBuilder html = new StringBuilder("<h2>").append(escape(title)).append("</h2><table><thead><tr>");
        headers.forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
        html.append("</tr></thead><tbody>");
        for (List<String> row : rows) {
            html.append("<tr>");
            row.forEach(v -> html.append("<td>").append(escape(v)).append("</td>"));
            html.append("</tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    static String page(String title, String subtitle, List<ReportTable> tables) {
        StringBuilder html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title><style>body{font-family:system-ui,sans-serif;margin:2rem;color:#222}"
                        + "table{border-collapse:collapse;margin-bottom:2rem}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}"
                        + "th{background:#f3f3f3}</style></head><body><h1>").append(escape(title)).append("</h1><p>")
                .append(escape(subtitle)).append("</p>");
        tables.forEach(t -> html.append(t.html()));
        return html.append("</body></html>").toString();
    }
}
