package io.perfkit.compression;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A servlet driven by query parameters: size, type, status, etag, cc (Cache-Control), ce (Content-Encoding),
 * cl=1 (declare Content-Length), writer=1 (write through getWriter), sensitive=1, vary, range=1, chunks=N
 * (write in N pieces).
 */
final class BodyServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int size = Integer.parseInt(param(req, "size", "4096"));
        byte[] body = Bodies.json(size);
        if ("1".equals(req.getParameter("late"))) { // the output first, then type and headers, then the body
            OutputStream out = resp.getOutputStream();
            resp.setContentType(param(req, "type", "application/json"));
            set(resp, "Vary", req.getParameter("vary"));
            out.write(body);
            return;
        }
        resp.setContentType(param(req, "type", "application/json"));
        resp.setStatus(Integer.parseInt(param(req, "status", "200")));
        set(resp, "ETag", req.getParameter("etag"));
        set(resp, "Cache-Control", req.getParameter("cc"));
        set(resp, "Content-Encoding", req.getParameter("ce"));
        set(resp, "Vary", req.getParameter("vary"));
        if ("1".equals(req.getParameter("sensitive"))) {
            CompressionFilter.markSensitive(req);
        }
        if ("1".equals(req.getParameter("range"))) {
            resp.setStatus(206);
            resp.setHeader("Content-Range", "bytes 0-" + (size - 1) + "/" + (size * 2));
        }
        if ("1".equals(req.getParameter("cl"))) {
            resp.setContentLength(size);
        }
        int status = resp.getStatus();
        if (status == 204 || status == 304) {
            return;
        }
        if ("1".equals(req.getParameter("writer"))) {
            resp.getWriter().write(new String(body, StandardCharsets.UTF_8));
            return;
        }
        int chunks = Integer.parseInt(param(req, "chunks", "1"));
        OutputStream out = resp.getOutputStream();
        int step = Math.max(1, size / chunks);
        for (int off = 0; off < size; off += step) {
            out.write(body, off, Math.min(step, size - off));
        }
    }

    @Override
    protected void doHead(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        doGet(req, resp);
    }

    private static String param(HttpServletRequest req, String name, String fallback) {
        String v = req.getParameter(name);
        return v == null ? fallback : v;
    }

    private static void set(HttpServletResponse resp, String name, String value) {
        if (value != null) {
            resp.setHeader(name, value);
        }
    }
}
