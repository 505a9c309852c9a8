./main NetWork.csv 8 9 128 128 weight0.csv input0.csv weight1.csv input1.csv
