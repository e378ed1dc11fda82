@echo off
rem Slipstream launcher for Windows: builds the runnable jar on first use, then runs it.
setlocal
set "HERE=%~dp0"
set "JAR=%HERE%app\target\slipstream.jar"
if not exist "%JAR%" (
  echo slipstream: building the runnable jar ^(first use; takes a minute or two^)... 1>&2
  pushd "%HERE%"
  call mvnw.cmd -B -q -DskipTests install 1>&2
  if errorlevel 1 ( popd & exit /b 1 )
  popd
)
java %SLIPSTREAM_JAVA_OPTS% -jar "%JAR%" %*
