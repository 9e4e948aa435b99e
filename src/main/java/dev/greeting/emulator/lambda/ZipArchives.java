package dev.greeting.emulator.lambda;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Checks a deployment package the way Lambda does on upload: it must unzip. */
final class ZipArchives {
    private ZipArchives() {}

    /** True when the bytes are a zip archive with at least one entry whose contents all read back. */
    static boolean unzips(byte[] bytes) {
        if (bytes.length < 4 || bytes[0] != 'P' || bytes[1] != 'K') {
            return false;
        }
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            int entries = 0;
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                zip.transferTo(java.io.OutputStream.nullOutputStream());
                entries++;
            }
            return entries > 0;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
