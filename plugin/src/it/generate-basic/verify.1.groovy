// After the first run: record every generated file's mtime and where the log of the second run will begin.
import java.nio.file.Files

def tree = new File(basedir, 'generated/production')
assert tree.isDirectory() : "the first run wrote no ${tree}"
def snapshot = new Properties()
tree.eachFileRecurse(groovy.io.FileType.FILES) { f ->
    snapshot.setProperty(tree.toPath().relativize(f.toPath()).toString(),
        Files.getLastModifiedTime(f.toPath()).toString())
}
// The directory's identity (inode where the platform has one): an up-to-date tree must not even be swapped.
def key = Files.readAttributes(tree.toPath(), java.nio.file.attribute.BasicFileAttributes).fileKey()
snapshot.setProperty('@tree.fileKey', String.valueOf(key))
snapshot.setProperty('@build.log.length', String.valueOf(new File(basedir, 'build.log').length()))
new File(basedir, 'target').mkdirs()
new File(basedir, 'target/first-run.properties').withWriter('UTF-8') { snapshot.store(it, null) }
return true
