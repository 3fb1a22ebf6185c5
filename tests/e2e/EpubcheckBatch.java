// Checks many EPUB files in one JVM (each epubcheck start costs seconds): prints epubcheck's
// messages and one "ok:" or "FAILED:" line per book; exits 1 when any book has an error or a
// warning. Run as a single-file source program (needs the JDK's compiler module):
//   java -cp /usr/share/java/epubcheck.jar EpubcheckBatch.java BOOK.epub...
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.util.DefaultReportImpl;
import java.io.File;

public class EpubcheckBatch {
  public static void main(String[] args) {
    int failed = 0;
    for (String path : args) {
      DefaultReportImpl report = new DefaultReportImpl(path);
      new EpubCheck(new File(path), report).validate();
      int errors = report.getErrorCount() + report.getFatalErrorCount();
      int warnings = report.getWarningCount();
      System.out.println((errors + warnings == 0 ? "ok: " : "FAILED: ") + path + " (" + errors + " errors, " + warnings + " warnings)");
      if (errors + warnings > 0) failed++;
    }
    System.exit(failed == 0 ? 0 : 1);
  }
}
